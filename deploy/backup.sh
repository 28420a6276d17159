#!/usr/bin/env bash
# Back up what the site cannot rebuild: the database, the media files (images, documents) and
# the forum's private attachments, into one folder. The search engine's index is not backed up:
# `manage.py search_rebuild` makes it again from the database.
#
# Usage: deploy/backup.sh <folder>
# Reads DATABASE_URL (PostgreSQL), MEDIA_ROOT and FORUM_ATTACHMENT_ROOT, as the site does.
set -euo pipefail

target=${1:?usage: deploy/backup.sh <folder>}
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set}"
: "${FORUM_ATTACHMENT_ROOT:?FORUM_ATTACHMENT_ROOT must be set}"

mkdir -p "$target"
# The database first: files it names then exist in the archives taken after it.
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
tar --create --gzip --file="$target/media.tar.gz" --directory="$MEDIA_ROOT" .
tar --create --gzip --file="$target/private.tar.gz" --directory="$FORUM_ATTACHMENT_ROOT" .
echo "Backed up to $target"
