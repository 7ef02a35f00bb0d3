-- reverses 002
DROP TABLE IF EXISTS findings;
