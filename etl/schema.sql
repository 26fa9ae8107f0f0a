-- The warehouse (data/warehouse.duckdb): tables written by `python -m etl build`,
-- views every chart reads. This file is the contract between the ETL and the dashboard.

CREATE TABLE cities (
    name        VARCHAR PRIMARY KEY,   -- short Chinese name used everywhere: 潍坊
    full_name   VARCHAR,               -- 潍坊市
    pinyin      VARCHAR,
    english     VARCHAR,
    province    VARCHAR,
    level       VARCHAR,               -- province | municipality | prefecture | county | district
    parent      VARCHAR                -- the prefecture (or municipality) a county or district is under
);

CREATE TABLE reports (
    report_id         VARCHAR PRIMARY KEY,  -- the file name under data/reports/
    path              VARCHAR,
    cities            VARCHAR,              -- as in the manifest: 潍坊, or 淄博;潍坊;济宁
    province          VARCHAR,
    level             VARCHAR,
    year              INTEGER,              -- the year of work covered
    doc_type          VARCHAR,
    title             VARCHAR,
    source            VARCHAR,
    url               VARCHAR,
    published         VARCHAR,              -- YYYY, YYYY-MM or YYYY-MM-DD
    sha256            VARCHAR,
    length            INTEGER,              -- characters of decoded text
    kind              VARCHAR,              -- txt | html | pdf | docx
    encoding          VARCHAR,
    extractor_version VARCHAR,
    guessed           VARCHAR,              -- fields detected from the text, comma separated
    text              VARCHAR,              -- the decoded original text; fact spans point here
    cache_key         VARCHAR               -- sha256 + extractor + catalogue + manifest row: an
                                            -- unchanged key lets the next build reuse the facts
);

CREATE TABLE metrics (
    metric           VARCHAR PRIMARY KEY,   -- catalogue id: proposals.filed
    name_zh          VARCHAR,
    name_en          VARCHAR,
    unit             VARCHAR,               -- 件 篇 次 项 个 %
    category         VARCHAR,               -- proposals | info | consultation | members
    category_zh      VARCHAR,
    category_en      VARCHAR,
    higher_is_better BOOLEAN,
    description      VARCHAR,
    cues             VARCHAR,
    sort_order       INTEGER
);

-- Every mention of a metric, extracted or curated.
CREATE TABLE facts (
    fact_id      VARCHAR PRIMARY KEY,
    report_id    VARCHAR,                   -- NULL for a curated figure from outside the reports
    city         VARCHAR,
    year         INTEGER,
    metric       VARCHAR,
    value        DOUBLE,
    unit         VARCHAR,
    qualifier    VARCHAR,                   -- exact | at_least | about | at_most
    scope        VARCHAR,                   -- committee | citywide
    period       VARCHAR,                   -- year | term | partial
    kind         VARCHAR,                   -- stated | derived | curated | external (a published
                                            -- figure from data/external/, apart from curation)
    derived_from VARCHAR[],                 -- fact ids (or span:START-END) a derived fact rests on
    start_pos    INTEGER,                   -- span in reports.text
    end_pos      INTEGER,
    quote        VARCHAR,                   -- reports.text[start_pos:end_pos]
    sentence     VARCHAR,
    rule         VARCHAR,                   -- the catalogue rule, or curation:<decision id>
    status       VARCHAR,                   -- active | rejected (by curation) | corrected
    source_url   VARCHAR,                   -- for curated and external figures from outside the reports
    note         VARCHAR,
    source_title     VARCHAR,               -- external figures: the page's title
    source_published VARCHAR                -- external figures: the page's date
);

-- Analysts' decisions as read from data/curation/, with what became of each.
CREATE TABLE curation (
    decision_id VARCHAR PRIMARY KEY,
    action      VARCHAR,                    -- confirm | reject | correct | add
    fact_id     VARCHAR,
    report_id   VARCHAR,
    city        VARCHAR,
    year        INTEGER,
    metric      VARCHAR,
    scope       VARCHAR,
    period      VARCHAR,
    value       DOUBLE,
    qualifier   VARCHAR,
    expect      VARCHAR,
    source_url  VARCHAR,
    note        VARCHAR,
    outcome     VARCHAR,                    -- applied | stale | unmatched | invalid
    message     VARCHAR,
    applied_to  VARCHAR[]                   -- the facts it changed or added
);

-- Build-time checks: warnings, never crashes.
CREATE TABLE data_quality (
    check_name VARCHAR,                     -- rate_range | filed_le_submitted | …
    severity   VARCHAR,                     -- error | warning | info
    city       VARCHAR,
    year       INTEGER,
    metric     VARCHAR,
    report_id  VARCHAR,
    fact_ids   VARCHAR[],
    message    VARCHAR,
    message_zh VARCHAR                      -- the same in Chinese
);

-- The extractor's output as it was, before curation and the warehouse's derivations: what
-- an incremental build reuses for an unchanged report. Same columns as facts.
CREATE TABLE extracted_facts (
    fact_id      VARCHAR PRIMARY KEY,
    report_id    VARCHAR,
    city         VARCHAR,
    year         INTEGER,
    metric       VARCHAR,
    value        DOUBLE,
    unit         VARCHAR,
    qualifier    VARCHAR,
    scope        VARCHAR,
    period       VARCHAR,
    kind         VARCHAR,
    derived_from VARCHAR[],
    start_pos    INTEGER,
    end_pos      INTEGER,
    quote        VARCHAR,
    sentence     VARCHAR,
    rule         VARCHAR,
    status       VARCHAR,
    source_url   VARCHAR,
    note         VARCHAR,
    source_title     VARCHAR,
    source_published VARCHAR
);

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One value per city, year, metric, scope and period: curated > stated > external > derived
-- (a report's own statement wins over a published figure from outside the reports; the two
-- stay visible in `conflicts`); among facts of one kind the latest published source, then the
-- most precise qualifier, then text order.
CREATE VIEW metric_values AS
WITH active AS (
    SELECT f.*, coalesce(r.published, f.source_published) AS published, r.title AS report_title,
           CASE f.kind WHEN 'curated' THEN 0 WHEN 'stated' THEN 1 WHEN 'external' THEN 2 ELSE 3 END AS kind_rank,
           CASE f.qualifier WHEN 'exact' THEN 0 ELSE 1 END AS qualifier_rank
    FROM facts f LEFT JOIN reports r USING (report_id)
    WHERE f.status <> 'rejected' AND f.city IS NOT NULL AND f.year IS NOT NULL
),
groups AS (
    SELECT city, year, metric, scope, period,
           list(fact_id ORDER BY fact_id) AS fact_ids,
           count(DISTINCT value) FILTER (WHERE kind <> 'derived') > 1 AS has_conflict
    FROM active GROUP BY city, year, metric, scope, period
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY city, year, metric, scope, period
                              ORDER BY kind_rank, published DESC NULLS LAST, qualifier_rank,
                                       report_id, start_pos, fact_id) AS rn
    FROM active
)
SELECT r.city, r.year, r.metric, r.scope, r.period, r.value, r.unit, r.qualifier, r.kind,
       r.fact_id, g.fact_ids, g.has_conflict,
       r.report_id, r.report_title, r.quote, r.sentence, r.source_url, r.note,
       r.source_title, r.source_published
FROM ranked r JOIN groups g USING (city, year, metric, scope, period)
WHERE r.rn = 1;

-- The same city, year, metric, scope and period with different values.
CREATE VIEW conflicts AS
WITH active AS (
    SELECT f.*, r.title AS report_title FROM facts f LEFT JOIN reports r USING (report_id)
    WHERE f.status <> 'rejected' AND f.city IS NOT NULL AND f.year IS NOT NULL
)
SELECT a.city, a.year, a.metric, a.scope, a.period,
       a.value AS value_a, b.value AS value_b, a.kind AS kind_a, b.kind AS kind_b,
       a.fact_id AS fact_a, b.fact_id AS fact_b,
       a.report_id AS report_a, b.report_id AS report_b,
       coalesce(a.report_title, a.source_title, a.source_url) AS source_a,
       coalesce(b.report_title, b.source_title, b.source_url) AS source_b,
       a.source_url AS url_a, b.source_url AS url_b,
       a.quote AS quote_a, b.quote AS quote_b
FROM active a JOIN active b
  ON a.city = b.city AND a.year = b.year AND a.metric = b.metric
 AND a.scope = b.scope AND a.period = b.period
 AND a.fact_id < b.fact_id AND a.value <> b.value
 AND NOT (a.kind = 'derived' OR b.kind = 'derived');

-- Which city has which metric in which year, and from how many facts.
CREATE VIEW coverage AS
SELECT city, year, metric,
       count(*) AS n_facts,
       count(*) FILTER (WHERE kind = 'stated') AS n_stated,
       count(*) FILTER (WHERE kind = 'derived') AS n_derived,
       count(*) FILTER (WHERE kind = 'curated') AS n_curated,
       count(*) FILTER (WHERE kind = 'external') AS n_external
FROM facts
WHERE status <> 'rejected' AND city IS NOT NULL AND year IS NOT NULL
GROUP BY city, year, metric;
