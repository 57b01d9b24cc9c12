# Sourced by scripts/test-consumer-fixture and scripts/check-readme-path: building a package that depends on this
# checkout by path, as a user's package would. Both build in one scratch directory (CONSUMER_SCRATCH, default
# .build-consumer-fixture), so the checkout's modules are compiled once for the two of them.
repogen_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
consumer_scratch=${CONSUMER_SCRATCH:-$repogen_root/.build-consumer-fixture}

# The identity SwiftPM gives a path dependency on this checkout: its folder's name (`repogen` for a clone), which
# `.product(name:package:)` must use. Tests/Fixtures/consumer/Package.swift computes the same name.
repogen_identity() { basename "$repogen_root"; }

# The warnings in the build output $1 that come from the consumer package itself: at its files (under the directory
# $2) or about its manifest (`warning: 'IDENTITY': ...`, the identity being $2's folder name, lowercased).
consumer_own_warnings() {
    local identity
    identity=$(basename "$2" | tr '[:upper:]' '[:lower:]')
    grep -E "warning:" <<<"$1" | grep -F -e "$2/" -e "'$identity'" || true
}

fail() { echo "FAIL: $*" >&2; exit 1; }
