#!/usr/bin/env bash
# Copies the workspace screenshots of the last browser-test run (artifacts/screenshots/<language>/) into
# docs/screenshots/ as <zh|en>-<name>.png, replacing the previous set. Run after scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
from=${TTM_SCREENSHOTS:-artifacts/screenshots}
names=(
  public-home public-achievements public-directory
  researcher-achievements researcher-proposals researcher-interests researcher-collaboration
  enterprise-needs enterprise-need-editor publish-gate-refused publish-confirm-amount publish-proposals-ready proposals-readable
  manager-deals manager-deals-board manager-record-contract
  bureau-dashboard-2023 bureau-dashboard-fields-phone bureau-dashboard-empty-year
  admin-organisations trust-admin-audit trust-account
  researcher-notifications live-toast
  contract-list contract-detail-trail contract-new contract-registration-form data-quality
  org-identity-drafts org-identity-merge-preview
)
missing=0
rm -f docs/screenshots/*.png
for lang in zh-CN en; do
  prefix=${lang%%-*}
  for name in "${names[@]}"; do
    if [[ -f "$from/$lang/$name.png" ]]; then
      cp "$from/$lang/$name.png" "docs/screenshots/$prefix-$name.png"
    else
      echo "missing: $lang/$name.png"; missing=$((missing + 1))
    fi
  done
done
echo "copied $(ls docs/screenshots/*.png | wc -l) screenshots ($missing missing)"
