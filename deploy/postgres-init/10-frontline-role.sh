#!/bin/sh
# Runs once, when the database volume is first created (postgres image's initdb.d).
# The app gets an ordinary role, never the superuser: a superuser would bypass the
# revoked privileges that keep report_revisions append-only.
set -eu

psql --set=ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=password="$(cat "$FRONTLINE_DB_PASSWORD_FILE")" <<'SQL'
CREATE ROLE frontline LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
CREATE DATABASE frontline OWNER frontline;
SQL
