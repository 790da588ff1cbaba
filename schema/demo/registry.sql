-- registry.sql: the sandbox enterprise registry (registry.c) that automated review checks against.
-- Idempotent: certdesk-admin load runs it at every stack start.
--
-- The first rows are real organisations with the unified social credit code
-- they publish (business licences, annual reports, certificate subjects),
-- each checked against the GB 32100-2015 check character (t/unit/valid-test.c
-- holds several). Legal representatives are as published when this file was
-- written; registers change, and this table is only for the sandbox.
-- The "示例" rows are made up (their check characters computed), and the
-- last two are not in business, for the registry-status rule.
-- Tests that need an enterprise no other test uses insert their own row
-- (Certdesk::Test::registry_enterprise).
INSERT INTO registry_sandbox (credit_code, name, legal_name, status, note) VALUES
  ('91440300708461136T', '深圳市腾讯计算机系统有限公司', '马化腾', 'active', 'published'),
  ('91110108551385082Q', '小米科技有限责任公司', '雷军', 'active', 'published'),
  ('914403001922038216', '华为技术有限公司', '赵明路', 'active', 'published'),
  ('91330100799655058B', '阿里巴巴（中国）有限公司', '蒋芳', 'active', 'published'),
  ('91520000214434146R', '中航重机股份有限公司', '姬苏春', 'active', 'published'),
  ('91110000100010433L', '中国石油天然气集团有限公司', '戴厚良', 'active', 'published'),
  ('91350102MA2YDEM01F', '福州示例信息技术有限公司', '陈明', 'active', 'fictional'),
  ('91350100MA2YDEM02M', '福建示例数字科技有限公司', '林晓', 'active', 'fictional'),
  ('91110105MA01DEM03U', '北京示例网络科技有限公司', '王建国', 'active', 'fictional'),
  ('91310115MA1KDEM04G', '上海示例软件有限公司', '周静', 'active', 'fictional'),
  ('91440300MA5FDEM05P', '深圳示例电子商务有限公司', '黄志强', 'active', 'fictional'),
  ('91330106MA2HDEM06Y', '杭州示例云计算有限公司', '吴婷', 'active', 'fictional'),
  ('91350203MA8RDEM07X', '厦门示例贸易有限公司', '郑海', 'active', 'fictional'),
  ('91510100MA6CDEM08F', '成都示例物流有限公司', '刘洋', 'active', 'fictional'),
  ('91420100MA4KDEM09M', '武汉示例建设工程有限公司', '张伟', 'active', 'fictional'),
  ('91320102MA1XDEM108', '南京示例咨询有限公司', '孙丽', 'active', 'fictional'),
  ('91350102MA2YDEM11G', '福州示例吊销商贸有限公司', '赵强', 'revoked', 'fictional'),
  ('91350102MA2YDEM12K', '福州示例注销服务有限公司', '钱芳', 'deregistered', 'fictional')
ON DUPLICATE KEY UPDATE name = VALUES(name), legal_name = VALUES(legal_name), status = VALUES(status),
  note = VALUES(note);
