-- The benchmark data set: 10,000 users and 100,000 quotes, inserted server-side in two set-based statements.
-- Quotes are spread over owners and over about 70 days of created_at, so sorts and keyset pages have real work.
INSERT INTO users (email, display_name, role, created_at, updated_at)
SELECT 'user' || i || '@bench.example', 'User ' || i,
       (CASE WHEN i % 50 = 0 THEN 'admin' ELSE 'member' END)::user_role,
       now() - i * interval '1 minute', now() - i * interval '1 minute'
FROM generate_series(1, 10000) AS i;

WITH owners AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users)
INSERT INTO quotes (owner_id, title, status, total_amount, currency, ai_provider, prompt, content, metadata,
                    valid_until, created_at, updated_at)
SELECT owners.id, 'Quote ' || i,
       (ARRAY['draft', 'sent', 'accepted', 'rejected', 'expired'])[1 + i % 5]::quote_status,
       (i % 100000) / 10.0, 'USD', (ARRAY['openai', 'anthropic', 'google', 'local'])[1 + i % 4]::ai_provider,
       'Write a quote for job ' || i, 'Content of quote ' || i, jsonb_build_object('source', 'seed', 'n', i),
       current_date + (i % 90), now() - i * interval '1 minute', now() - i * interval '1 minute'
FROM generate_series(1, 100000) AS i
JOIN owners ON owners.n = 1 + i % 10000;

ANALYZE;
