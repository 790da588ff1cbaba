-- 050-orders-list.sql: 我的订单 (SPEC §9): one index serves the applicant's list, its filters, its count and its order
-- (applicant_id, created_at, id) gives "newest first" with a stable tie-break straight from the index,
-- and the period filter is a range on it; state, project_id and business_type ride along so the other
-- filters and COUNT(*) are answered from the index alone ("Using index"), whatever the table's size:
-- the list reads at most one applicant's index entries and then the ten rows of the page.
-- The name stays orders_applicant: it also serves orders_applicant_fk.
ALTER TABLE orders
  DROP KEY orders_applicant,
  ADD KEY orders_applicant (applicant_id, created_at, id, state, project_id, business_type);
