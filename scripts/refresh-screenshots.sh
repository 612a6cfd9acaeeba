#!/usr/bin/env bash
# Copies the workspace screenshots of the last browser-test run (artifacts/screenshots/<language>/) into
# docs/screenshots/ as <zh|en>-<name>.png, replacing the previous set. Run after scripts/test.sh.
# Every workspace in Chinese, a few in English; the full-page catalogue shot (1 MB and more) stays out.
set -euo pipefail
cd "$(dirname "$0")/.."
from=${TTM_SCREENSHOTS:-artifacts/screenshots}
zh=(
  public-home public-needs public-directory
  researcher-proposals researcher-interests researcher-collaboration researcher-notifications live-toast
  enterprise-needs enterprise-need-editor publish-gate-refused publish-confirm-amount publish-proposals-ready proposals-readable
  manager-deals-board manager-record-contract
  bureau-dashboard-2023 bureau-dashboard-fields-phone bureau-dashboard-empty-year
  contract-list contract-detail-trail contract-new contract-registration-form
  bureau-import-preview collaboration-import-preview data-quality-findings data-quality-dismiss
  admin-organisations org-identity-drafts org-identity-merge-preview trust-admin-audit trust-account
  bureau-incentive-simulation bureau-incentive-comparison bureau-incentive-revisions bureau-incentive-entitlements bureau-targets-progress researcher-entitlements
  bureau-dashboard-programmes researcher-targets-progress
  calls-editor calls-proposal calls-review calls-closed calls-deal-on-board calls-deal-scores calls-consent-panel calls-consent-state bureau-programmes-menu
  risk-claims risk-claim-transfer bureau-risk-pool filing-member filing-queue filing-directory broker-performance manager-training trial-extended bureau-trials-summary
  ranker
)
en=(public-home public-directory proposals-readable researcher-notifications bureau-dashboard-2023 contract-detail-trail org-identity-merge-preview
  contract-registration-form bureau-import-preview bureau-incentive-simulation bureau-incentive-comparison bureau-incentive-revisions bureau-incentive-entitlements
  bureau-dashboard-programmes bureau-targets-progress researcher-targets-progress calls-closed calls-consent-panel bureau-programmes-menu
  risk-claims risk-claim-transfer bureau-risk-pool bureau-trials-summary filing-queue filing-directory)
missing=0
rm -f docs/screenshots/*.png
copy() {
  local lang=$1 prefix=$2; shift 2
  for name in "$@"; do
    if [[ -f "$from/$lang/$name.png" ]]; then cp "$from/$lang/$name.png" "docs/screenshots/$prefix-$name.png"
    else echo "missing: $lang/$name.png"; missing=$((missing + 1)); fi
  done
}
copy zh-CN zh "${zh[@]}"
copy en en "${en[@]}"
echo "copied $(ls docs/screenshots/*.png | wc -l) screenshots ($missing missing)"
