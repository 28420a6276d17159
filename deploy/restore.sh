#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an empty database and empty file folders,
# then check it: migrations applied, and the search index equal to the database.
#
# Usage: deploy/restore.sh <folder>
# Reads DATABASE_URL (an empty PostgreSQL database), MEDIA_ROOT and FORUM_ATTACHMENT_ROOT, and
# runs manage.py with the settings in DJANGO_SETTINGS_MODULE.
set -euo pipefail

source=${1:?usage: deploy/restore.sh <folder>}
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set}"
: "${FORUM_ATTACHMENT_ROOT:?FORUM_ATTACHMENT_ROOT must be set}"
python=${PYTHON:-python}
manage="$(dirname "$0")/../manage.py"

pg_restore --exit-on-error --no-owner --no-privileges --dbname="$DATABASE_URL" "$source/database.dump"
mkdir -p "$MEDIA_ROOT" "$FORUM_ATTACHMENT_ROOT"
tar --extract --gzip --file="$source/media.tar.gz" --directory="$MEDIA_ROOT"
tar --extract --gzip --file="$source/private.tar.gz" --directory="$FORUM_ATTACHMENT_ROOT"

# A backup from an older release gets the newer migrations; the cache table is made anew.
"$python" "$manage" migrate --noinput
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    "$python" "$manage" search_rebuild
fi
"$python" "$manage" search_check
echo "Restored from $source"
