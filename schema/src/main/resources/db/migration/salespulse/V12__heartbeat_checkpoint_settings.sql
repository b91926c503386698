-- The settings the job's Spark checkpoint pins (the SQL confs Structured Streaming records in its offset log and
-- restores on restart, e.g. spark.sql.shuffle.partitions), as the running job read them from its checkpoint: the
-- operator compares them with what the spec asks for and reports any it cannot apply.
ALTER TABLE job_heartbeat
  ADD COLUMN checkpoint_settings TEXT NULL COMMENT 'key=value lines: the SQL confs the checkpoint offset log pins';
