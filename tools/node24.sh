#!/usr/bin/env bash
# Runs `node "$@"` on Node 24 LTS (see node24-env.sh).
set -euo pipefail
# shellcheck source=tools/node24-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/node24-env.sh"
exec node "$@"
