// One platform and one browser at a time: two at once on a 2-core machine only makes both slow and flaky.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
