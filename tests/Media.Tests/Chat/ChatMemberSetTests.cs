using ActorStream.Media.Chat;

namespace ActorStream.Media.Tests.Chat;

public sealed class ChatMemberSetTests
{
    [Fact]
    public void The_next_join_or_leave_applies_a_repeat_is_stale_and_a_skipped_number_is_missed()
    {
        var members = new ChatMemberSet();
        members.Reset(["ann"], 1);

        Assert.Equal(PresenceOutcome.Stale, members.Offer("ann", true, 1));      // its own join, in the welcome already
        Assert.Equal(PresenceOutcome.Applied, members.Offer("bob", true, 2));
        Assert.Equal(PresenceOutcome.Stale, members.Offer("bob", true, 2));
        Assert.Equal(PresenceOutcome.Missed, members.Offer("dan", true, 4));     // #3 never came
        Assert.Equal(2, members.Version);
        Assert.Equal(["ann", "bob"], members.Names.Order());
        Assert.True(members.IsBehind(4));
        Assert.False(members.IsBehind(2));
        Assert.Equal(PresenceOutcome.Applied, members.Offer("BOB", false, 3)); // names are case-insensitive
        Assert.Equal(["ann"], members.Names);
        Assert.Equal(PresenceOutcome.Applied, members.Offer("eve", true, 0));  // not numbered (an older room): shown
        Assert.Equal(3, members.Version);
    }

    [Fact]
    public void The_rooms_list_replaces_the_view_and_says_who_came_and_went_but_not_oneself()
    {
        var members = new ChatMemberSet();
        Assert.False(members.HasView);
        members.Reset(["ann", "bob", "cy"], 3);

        var changes = members.Replace(["ann", "cy", "eve", "dan"], 7, self: "ann");
        Assert.Equal([("dan", true), ("eve", true), ("bob", false)], changes);
        Assert.Equal(7, members.Version);

        Assert.Empty(members.Replace(["ann"], 6, self: "ann"));                  // older than the view: ignored
        Assert.Equal(4, members.Names.Count);
        Assert.Empty(members.Replace(["ann", "cy", "eve", "dan"], 8, self: "ann")); // newer but the same names
    }

    [Fact]
    public void After_a_reconnect_nothing_shows_until_the_rooms_list_settles_the_view_whatever_its_count()
    {
        var members = new ChatMemberSet();
        members.Reset(["ann", "bob", "cy"], 40);

        // A restarted room: its count starts over, and its clients rejoin one by one.
        members.Unsettle();
        Assert.Equal(PresenceOutcome.Stale, members.Offer("bob", true, 1));
        Assert.Equal(PresenceOutcome.Stale, members.Offer("zed", true, 2));
        Assert.False(members.IsBehind(99));
        Assert.Equal(["ann", "bob", "cy"], members.Names.Order());

        // Asked a little later: only the real difference (cy did not come back, zed is new); the low count is taken.
        var settled = members.Replace(["ann", "bob", "zed"], 3, self: "ann");
        Assert.Equal([("zed", true), ("cy", false)], settled);
        Assert.True(members.Settled);
        Assert.Equal(PresenceOutcome.Applied, members.Offer("cy", true, 4));
    }
}
