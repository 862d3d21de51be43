using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class PercentilesTests
{
    [Fact]
    public void Nearest_rank_of_one_to_twenty()
    {
        var values = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        // ⌈0.5·20⌉ = 10, ⌈0.95·20⌉ = 19, ⌈0.99·20⌉ = 20.
        Assert.Equal(10, Percentiles.NearestRank(values, 50));
        Assert.Equal(19, Percentiles.NearestRank(values, 95));
        Assert.Equal(20, Percentiles.NearestRank(values, 99));
        Assert.Equal(20, Percentiles.NearestRank(values, 100));
        Assert.Equal(1, Percentiles.NearestRank(values, 0));
        Assert.Equal(1, Percentiles.NearestRank(values, 5));
        Assert.Equal(2, Percentiles.NearestRank(values, 5.1));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_lower_middle_value_not_an_average()
    {
        Assert.Equal(2, Percentiles.NearestRank([1, 2, 3, 4], 50));
        Assert.Equal(3, Percentiles.NearestRank([1, 2, 3, 4, 5], 50));
    }

    [Fact]
    public void Hundred_values_give_the_values_at_ranks_fifty_ninety_five_ninety_nine()
    {
        var values = Enumerable.Range(1, 100).Select(i => i * 10.0).ToArray();
        Assert.Equal(500, Percentiles.NearestRank(values, 50));
        Assert.Equal(950, Percentiles.NearestRank(values, 95));
        Assert.Equal(990, Percentiles.NearestRank(values, 99));
    }

    [Fact]
    public void One_value_is_every_percentile_and_none_is_null()
    {
        Assert.Equal(7.5, Percentiles.NearestRank([7.5], 1));
        Assert.Equal(7.5, Percentiles.NearestRank([7.5], 99));
        Assert.Null(Percentiles.NearestRank([], 50));
    }

    [Fact]
    public void Summarize_sorts_unsorted_samples()
    {
        double[] values = [40, 10, 30, 20, 50, 15, 35, 25, 45, 5];
        // Sorted: 5 10 15 20 25 30 35 40 45 50; ranks 5, 10, 10.
        var summary = Percentiles.Summarize(values);
        Assert.Equal(new LatencySummary(25, 50, 50, 10), summary);
    }

    [Fact]
    public void Percentile_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1.0], 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1.0], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1.0], double.NaN));
    }
}
