#!/usr/bin/env bash
# Runs schemathesis against a running sandbox with the vendored spec.
#
#   tests/schemathesis.sh API_URL MANAGEMENT_KEY
#
# Start the sandbox in memory with the control surface (schemathesis creates and deletes things):
#   cargo run -p openrouter-sandbox -- --memory --control --addr 127.0.0.1:8799 \
#       --management-key sk-or-v1-schemathesis
#   crates/openrouter-sandbox/tests/schemathesis.sh http://127.0.0.1:8799/api/v1 sk-or-v1-schemathesis
#
# Exits non-zero on any failure. Deterministic: fixed seed, no example database, one worker.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 API_URL MANAGEMENT_KEY" >&2
    exit 2
fi
api_url=$1
key=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
spec="$here/../../../openapi/openrouter-management.yaml"
examples=${SCHEMATHESIS_EXAMPLES:-30}

# Start from the seed so a rerun sees the same data (needs --control; ignored without it).
sandbox_root=${api_url%/api/v1}
curl -fsS -X POST "$sandbox_root/__sandbox/reset" >/dev/null 2>&1 || true

# Only the operations the sandbox serves (the spec has more): one line per operation, so
# adding an operation is one line here.
served=(
    listWorkspaces createWorkspace getWorkspace updateWorkspace deleteWorkspace
    listWorkspaceMembers bulkAddWorkspaceMembers bulkRemoveWorkspaceMembers
    listWorkspaceBudgets getWorkspaceBudget upsertWorkspaceBudget deleteWorkspaceBudget
    getCurrentKey list createKeys getKey updateKeys deleteKeys
    listOrganizationMembers
    getCredits getUserActivity
    listGuardrails createGuardrail getGuardrail updateGuardrail deleteGuardrail
    listGuardrailKeyAssignments bulkAssignKeysToGuardrail bulkUnassignKeysFromGuardrail
    listGuardrailMemberAssignments bulkAssignMembersToGuardrail bulkUnassignMembersFromGuardrail
    listKeyAssignments listMemberAssignments
    listBYOKKeys createBYOKKey getBYOKKey updateBYOKKey deleteBYOKKey
    listObservabilityDestinations createObservabilityDestination getObservabilityDestination
    updateObservabilityDestination deleteObservabilityDestination
    listScimGroups listScimGroupMappings createScimGroupMapping getScimGroupMapping
    updateScimGroupMapping deleteScimGroupMapping
    getAnalyticsMeta queryAnalytics submitGenerationFeedback
)
include=()
for id in "${served[@]}"; do
    include+=(--include-operation-id "$id")
done

# One worker: with several, schemathesis 4.32's coverage phase hit an internal error
# ("AST constructor recursion depth mismatch") in hypothesis' lambda introspection.
exec schemathesis --no-color --config-file "$here/schemathesis.toml" run "$spec" \
    --url "$api_url" \
    --header "Authorization: Bearer $key" \
    "${include[@]}" \
    --max-examples "$examples" \
    --seed 20250601 \
    --generation-database none \
    --workers 1 \
    --request-timeout 10
