// Each test runs a seed with real ffmpeg processes; on a 2-core box they must not compete with another test's.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
