#!/usr/bin/env bash
# Exports the demo's newest microversion as OpenAPI and checks it with an independent
# validator (openapi-spec-validator, installed from PyPI into .build-venv/ on first use).
# Prints one line; exits non-zero when the export or the validation fails.
# Env: APIREF (the binary; default: build into .build/), INPUT (default: api-ref),
#      MICROVERSION (default: the newest).
set -uo pipefail
cd "$(dirname "$0")/.."
INPUT=${INPUT:-api-ref}
if [ -z "${APIREF:-}" ]; then
  swift build --product apiref >/dev/null || { echo "validate-openapi: FAIL: swift build failed"; exit 1; }
  APIREF=$(swift build --show-bin-path)/apiref
fi
venv=.build-venv
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet openapi-spec-validator; } >/dev/null 2>&1 \
    || { echo "validate-openapi: FAIL: cannot install openapi-spec-validator into $venv"; exit 1; }
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
document="$work/openapi.yaml"
version_args=()
[ -n "${MICROVERSION:-}" ] && version_args=(--microversion "$MICROVERSION")
if ! "$APIREF" export openapi -i "$INPUT" "${version_args[@]}" -o "$document" 2>"$work/export.log"; then
  echo "validate-openapi: FAIL: apiref export failed: $(grep -m1 '^error' "$work/export.log")"
  exit 1
fi
if "$venv/bin/openapi-spec-validator" "$document" >"$work/validate.log" 2>&1; then
  echo "validate-openapi: OK: $INPUT at ${MICROVERSION:-the newest microversion} is valid OpenAPI 3.1 ($(grep -cE '^    (get|put|post|delete|patch|head|options|trace):$' "$document") operations)"
else
  echo "validate-openapi: FAIL: openapi-spec-validator rejects $INPUT: $(grep -v '^\s*$' "$work/validate.log" | tail -1)"
  exit 1
fi
