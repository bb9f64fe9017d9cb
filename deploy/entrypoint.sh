#!/bin/sh
# Read secrets from files (Docker secrets under /run/secrets) into the variables that
# libpq and Streamlit read, so no secret is baked into the image or the compose file.
set -eu

if [ -n "${FRONTLINE_DATABASE_PASSWORD_FILE:-}" ]; then
    PGPASSWORD="$(cat "$FRONTLINE_DATABASE_PASSWORD_FILE")"
    export PGPASSWORD
fi
# Every replica must sign cookies (XSRF, logins) with the same secret.
if [ -n "${STREAMLIT_SERVER_COOKIE_SECRET_FILE:-}" ]; then
    STREAMLIT_SERVER_COOKIE_SECRET="$(cat "$STREAMLIT_SERVER_COOKIE_SECRET_FILE")"
    export STREAMLIT_SERVER_COOKIE_SECRET
fi

exec "$@"
