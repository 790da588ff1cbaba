-- 041-payments.sql: payments of orders (SPEC §7): online through a gateway, or an offline transfer finance confirms

-- One row per attempt to pay: out_trade_no is what the gateway knows the
-- payment by (and the remittance reference of a transfer). state:
-- pending (created), processing (the gateway's cashier succeeded, its
-- notification not yet here), paid, failed (the cashier failed), closed
-- (superseded by a newer attempt, or the order closed).
CREATE TABLE IF NOT EXISTS payments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  out_trade_no VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  method ENUM('alipay','wechat','unionpay','transfer') NOT NULL,
  amount_fen INT UNSIGNED NOT NULL,
  currency CHAR(3) CHARACTER SET ascii NOT NULL DEFAULT 'CNY',
  state ENUM('pending','processing','paid','failed','closed') NOT NULL DEFAULT 'pending',
  transaction_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  confirmed_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  paid_at DATETIME NULL,
  UNIQUE KEY payments_trade_no (out_trade_no),
  KEY payments_order (order_id, id),
  KEY payments_state (state, updated_at),
  CONSTRAINT payments_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
