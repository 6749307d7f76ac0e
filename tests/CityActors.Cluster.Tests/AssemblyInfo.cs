// Every test runs three silo processes on two cores: one test at a time, so timings measure failover, not contention.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
