-- Per-parent limit: LATERAL against row_number() (docs/performance.md). Run with
--   scripts/with-test-postgres bash -c 'psql "$DATABASE_URL" -q -f Benchmarks/scripts/per-parent-limit.sql -o /dev/null'
\timing off
CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), kind text NOT NULL, occurred_at timestamptz NOT NULL);
INSERT INTO users SELECT gen_random_uuid() FROM generate_series(1, 2000);
INSERT INTO events (user_id, kind, occurred_at) SELECT u.id, 'k', now() - (g * interval '1 minute') FROM users u, generate_series(1, 500) g;
CREATE INDEX ON events (user_id, occurred_at DESC);
ANALYZE;
PREPARE lateral_load(uuid[], bigint) AS SELECT r.id, r.user_id, r.kind, r.occurred_at FROM unnest($1) WITH ORDINALITY AS k (key, position) CROSS JOIN LATERAL (SELECT id, user_id, kind, occurred_at FROM events WHERE user_id = k.key AND TRUE ORDER BY occurred_at DESC, id DESC LIMIT $2) AS r ORDER BY k.position, r.occurred_at DESC, r.id DESC;
PREPARE ranked_load(uuid[], bigint) AS SELECT id, user_id, kind, occurred_at FROM (SELECT id, user_id, kind, occurred_at, row_number() OVER (PARTITION BY user_id ORDER BY occurred_at DESC, id DESC) AS n FROM events WHERE user_id = ANY($1)) s WHERE n <= $2 ORDER BY user_id, n;
SELECT array_agg(id) AS ids FROM (SELECT id FROM users ORDER BY id LIMIT 100) s \gset
\timing on
EXECUTE lateral_load(:'ids', 5);
EXECUTE lateral_load(:'ids', 5);
EXECUTE lateral_load(:'ids', 5);
EXECUTE ranked_load(:'ids', 5);
EXECUTE ranked_load(:'ids', 5);
EXECUTE ranked_load(:'ids', 5);
