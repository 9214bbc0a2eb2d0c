#!/bin/sh
# Mutant config-process-fields-ignored: create ignores process.args beyond the first two, process.cwd and the extra process.env entries.
. "$(dirname -- "$0")/lib/common.sh"
edit_then_pass 'c.process.args = c.process.args.slice(0, 2); c.process.cwd = "/"; c.process.env = c.process.env.filter((e) => e.startsWith("HOME="))'
