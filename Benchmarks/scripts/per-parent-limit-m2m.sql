-- Per-parent limit through a link table: the generated LATERAL join against row_number() (docs/performance.md).
-- :labels labels, :quotes quotes with :links labels each; the first 5 labels by name of 100 quotes, then the newest 5
-- quotes of 100 labels. Run with
--   scripts/with-test-postgres bash -c 'psql "$DATABASE_URL" -q -v quotes=5000 -v labels=20000 -v links=20 \
--       -f Benchmarks/scripts/per-parent-limit-m2m.sql -o /dev/null'
\timing off
CREATE TABLE labels (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL UNIQUE);
CREATE TABLE quotes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), created_at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE INDEX ON quotes (created_at DESC);
CREATE TABLE quote_labels (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    quote_id uuid NOT NULL REFERENCES quotes, label_id uuid NOT NULL REFERENCES labels);
CREATE UNIQUE INDEX ON quote_labels (quote_id, label_id);
CREATE INDEX ON quote_labels (label_id);
INSERT INTO labels (name) SELECT 'label' || lpad(i::text, 6, '0') FROM generate_series(1, :labels) i;
INSERT INTO quotes SELECT gen_random_uuid() FROM generate_series(1, :quotes);
-- Quote n links labels (n * 7919 + k * 4729) mod :labels for k in 1...:links: distinct while 4729 and :labels are
-- coprime (both sizes used here are).
WITH l AS (SELECT id, row_number() OVER (ORDER BY id) AS ln FROM labels),
     q AS (SELECT id, row_number() OVER (ORDER BY id) AS qn FROM quotes)
INSERT INTO quote_labels (quote_id, label_id)
SELECT q.id, l.id FROM q CROSS JOIN generate_series(1, :links) k JOIN l ON l.ln = ((q.qn * 7919 + k * 4729) % :labels) + 1;
ANALYZE;
PREPARE lateral_load(uuid[], bigint) AS
SELECT r.id, r.name, k.position FROM unnest($1::uuid[]) WITH ORDINALITY AS k (key, position)
CROSS JOIN LATERAL (
    SELECT t.id, t.name FROM (SELECT id, name FROM labels WHERE TRUE) AS t
    JOIN quote_labels AS link ON link.label_id = t.id WHERE link.quote_id = k.key
    ORDER BY t.name, t.id LIMIT $2::bigint) AS r
ORDER BY k.position, r.name, r.id;
PREPARE ranked_load(uuid[], bigint) AS
SELECT id, name, quote_id FROM (
    SELECT t.id, t.name, link.quote_id, row_number() OVER (PARTITION BY link.quote_id ORDER BY t.name, t.id) AS n
    FROM labels AS t JOIN quote_labels AS link ON link.label_id = t.id WHERE link.quote_id = ANY($1::uuid[])) AS s
WHERE n <= $2 ORDER BY quote_id, n;
SELECT array_agg(id) AS ids FROM (SELECT id FROM quotes ORDER BY id LIMIT 100) s \gset
\timing on
EXECUTE lateral_load(:'ids', 5);
EXECUTE lateral_load(:'ids', 5);
EXECUTE lateral_load(:'ids', 5);
EXECUTE ranked_load(:'ids', 5);
EXECUTE ranked_load(:'ids', 5);
EXECUTE ranked_load(:'ids', 5);
\timing off
PREPARE lateral_rev(uuid[], bigint) AS
SELECT r.id, k.position FROM unnest($1::uuid[]) WITH ORDINALITY AS k (key, position)
CROSS JOIN LATERAL (
    SELECT t.id, t.created_at FROM (SELECT id, created_at FROM quotes WHERE TRUE) AS t
    JOIN quote_labels AS link ON link.quote_id = t.id WHERE link.label_id = k.key
    ORDER BY t.created_at DESC, t.id DESC LIMIT $2::bigint) AS r
ORDER BY k.position, r.created_at DESC, r.id DESC;
PREPARE ranked_rev(uuid[], bigint) AS
SELECT id, label_id FROM (
    SELECT t.id, link.label_id, row_number() OVER (PARTITION BY link.label_id ORDER BY t.created_at DESC, t.id DESC) AS n
    FROM quotes AS t JOIN quote_labels AS link ON link.quote_id = t.id WHERE link.label_id = ANY($1::uuid[])) AS s
WHERE n <= $2 ORDER BY label_id, n;
SELECT array_agg(id) AS ids FROM (SELECT id FROM labels ORDER BY id LIMIT 100) s \gset
\timing on
EXECUTE lateral_rev(:'ids', 5);
EXECUTE lateral_rev(:'ids', 5);
EXECUTE lateral_rev(:'ids', 5);
EXECUTE ranked_rev(:'ids', 5);
EXECUTE ranked_rev(:'ids', 5);
EXECUTE ranked_rev(:'ids', 5);
