// Activity sources and meters are process-wide: a provider built by one test would record another's spans, and a
// "nothing listens" check would see another's listener. The tests of this assembly therefore run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
