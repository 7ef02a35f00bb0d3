-- reverses 003
ALTER TABLE traces DROP COLUMN activity_times_ms;
DROP TABLE IF EXISTS kpi_minute;
