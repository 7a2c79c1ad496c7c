#!/usr/bin/env bash
# Remakes requirements.lock: every package civread, its extras and its build backend need, pinned
# with hashes, so that `pip install -r requirements.lock` installs the same set today and later.
# Run after changing a dependency in pyproject.toml; needs uv (`pip install uv`).
set -euo pipefail
cd "$(dirname "$0")/.."
printf 'hatchling\n' | uv pip compile pyproject.toml - --all-extras --universal \
    --python-version 3.11 --generate-hashes --no-header --quiet -o requirements.lock
