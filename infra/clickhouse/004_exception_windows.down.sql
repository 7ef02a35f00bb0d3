-- reverses 004
DROP TABLE IF EXISTS exception_windows;
