#!/usr/bin/env bash
# Development-time only, before the first release: regenerates the single "Initial" migration of
# every provider from the current model. Serialised with a lock so parallel work does not collide.
# After a release, add migrations with scripts/add-migration.sh instead.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/ttm-migrations.lock
flock 9
# Build first: a model that does not compile must not cost the existing migrations.
if ! dotnet build src/TechTransfer.Match.Web -v q -nologo >/tmp/ttm-migrations-build.log 2>&1; then
  grep -E "error" /tmp/ttm-migrations-build.log | sort -u | head -20
  echo "build failed; migrations left as they were" >&2
  exit 1
fi
for provider in Sqlite PostgreSql SqlServer; do
  rm -rf "src/TechTransfer.Match.Migrations.$provider/Migrations"
done
scripts/add-migration.sh Initial
