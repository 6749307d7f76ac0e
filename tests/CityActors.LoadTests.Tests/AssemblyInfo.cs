// The short replay is timed against its one-minute bound: the other tests here (each loads the NYC city) must not
// share the two cores with it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
