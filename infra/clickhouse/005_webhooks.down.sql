-- reverses 005
DROP TABLE IF EXISTS webhook_deliveries;
DROP TABLE IF EXISTS webhook_outbox;
DROP TABLE IF EXISTS webhook_subscriptions;
