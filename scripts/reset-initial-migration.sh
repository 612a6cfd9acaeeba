#!/usr/bin/env bash
# Development-time only, before the first release: regenerates the single "Initial" migration of
# every provider from the current model. Serialised with a lock so parallel work does not collide;
# on any failure the previous migrations are restored. After a release, add migrations with
# scripts/add-migration.sh instead.
set -uo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/ttm-migrations.lock
flock 9
backup=$(mktemp -d)
for provider in Sqlite PostgreSql SqlServer; do
  dir="src/TechTransfer.Match.Migrations.$provider/Migrations"
  [ -d "$dir" ] && cp -r "$dir" "$backup/$provider"
done
restore() {
  for provider in Sqlite PostgreSql SqlServer; do
    dir="src/TechTransfer.Match.Migrations.$provider/Migrations"
    rm -rf "$dir"
    [ -d "$backup/$provider" ] && cp -r "$backup/$provider" "$dir"
  done
  echo "migrations restored to their previous state" >&2
  exit 1
}
if ! dotnet build src/TechTransfer.Match.Web -v q -nologo >/tmp/ttm-migrations-build.log 2>&1; then
  grep -E "error" /tmp/ttm-migrations-build.log | sort -u | head -20
  restore
fi
for provider in Sqlite PostgreSql SqlServer; do
  rm -rf "src/TechTransfer.Match.Migrations.$provider/Migrations"
done
scripts/add-migration.sh Initial || restore
for provider in Sqlite PostgreSql SqlServer; do
  ls "src/TechTransfer.Match.Migrations.$provider/Migrations/"*_Initial.cs >/dev/null 2>&1 || restore
done
rm -rf "$backup"
