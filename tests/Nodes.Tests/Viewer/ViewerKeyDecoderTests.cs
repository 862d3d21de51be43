using ActorStream.Nodes.Viewer;

namespace ActorStream.Nodes.Tests.Viewer;

public sealed class ViewerKeyDecoderTests
{
    [Fact]
    public void With_at_most_nine_stations_a_digit_switches_at_once()
    {
        var decoder = new ViewerKeyDecoder();
        Assert.Equal(ViewerAction.SwitchTo(2), decoder.Key('2', 3));
        Assert.Equal(ViewerAction.SwitchTo(9), decoder.Key('9', 9));
        Assert.Equal(ViewerAction.SwitchTo(0), decoder.Key('0', 3));
    }

    [Fact]
    public void With_more_stations_digits_wait_for_enter_or_for_a_number_no_longer_one_can_follow()
    {
        var decoder = new ViewerKeyDecoder();
        Assert.Null(decoder.Key('1', 12));
        Assert.Equal("1", decoder.PendingDigits);
        Assert.Equal(ViewerAction.SwitchTo(1), decoder.Key('\r', 12));

        Assert.Null(decoder.Key('1', 12));
        Assert.Equal(ViewerAction.SwitchTo(12), decoder.Key('2', 12));

        // 2 cannot start a two-digit station number among 12.
        Assert.Equal(ViewerAction.SwitchTo(2), decoder.Key('2', 12));

        Assert.Null(decoder.Key('1', 12));
        Assert.Null(decoder.Key('\b', 12));
        Assert.Equal("", decoder.PendingDigits);
        Assert.Null(decoder.Key('\r', 12));
    }

    [Theory]
    [InlineData('p', ViewerActionKind.Pause)]
    [InlineData('P', ViewerActionKind.Pause)]
    [InlineData('r', ViewerActionKind.Resume)]
    [InlineData('l', ViewerActionKind.List)]
    [InlineData('q', ViewerActionKind.Quit)]
    [InlineData('x', ViewerActionKind.Help)]
    [InlineData('?', ViewerActionKind.Help)]
    public void Letters_are_commands(char key, ViewerActionKind kind)
    {
        var decoder = new ViewerKeyDecoder();
        Assert.Null(decoder.Key('1', 20));
        Assert.Equal(new ViewerAction(kind), decoder.Key(key, 20));
        Assert.Equal("", decoder.PendingDigits);
    }

    [Fact]
    public void A_line_of_digits_is_one_number_and_other_lines_are_keys_in_order()
    {
        var decoder = new ViewerKeyDecoder();
        Assert.Equal([ViewerAction.SwitchTo(2)], decoder.Line("2"));
        Assert.Equal([ViewerAction.SwitchTo(12)], decoder.Line(" 12 "));
        Assert.Equal([new ViewerAction(ViewerActionKind.Pause)], decoder.Line("p"));
        Assert.Equal(
            [new ViewerAction(ViewerActionKind.Pause), ViewerAction.SwitchTo(2), new ViewerAction(ViewerActionKind.Resume)],
            decoder.Line("p2r"));
        Assert.Empty(decoder.Line(""));
        Assert.Equal([ViewerAction.SwitchTo(int.MaxValue)], decoder.Line("99999999999999"));
    }
}
