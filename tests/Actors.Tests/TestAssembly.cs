// Each test runs real ffmpeg encoders and decoders; on a 2-core box they must not compete with another test's.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
