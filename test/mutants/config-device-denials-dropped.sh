#!/bin/sh
# Mutant config-device-denials-dropped: create keeps only the allowing entries of linux.resources.devices, each with every access (r, w and m).
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'if (c.linux.resources?.devices) c.linux.resources.devices = c.linux.resources.devices.filter((d) => d.allow).map((d) => ({ ...d, access: "rwm" }))'
