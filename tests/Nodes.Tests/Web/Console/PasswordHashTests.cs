using ActorStream.Nodes.Web.Console;

namespace ActorStream.Nodes.Tests.Web.Console;

public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_reads_back_from_its_text()
    {
        var hash = PasswordHash.Create("correct horse", 10_000);

        Assert.True(PasswordHash.TryParse(hash.ToString(), out var read, out _));
        Assert.StartsWith("pbkdf2-sha256$10000$", hash.ToString(), StringComparison.Ordinal);
        Assert.True(read!.Verify("correct horse"));
        Assert.False(read.Verify("correct horsE"));
        Assert.False(read.Verify(""));
        Assert.NotEqual(hash.ToString(), PasswordHash.Create("correct horse", 10_000).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$10000$not-base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$10000$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void Anything_but_the_stored_form_is_refused_with_a_reason(string text)
    {
        Assert.False(PasswordHash.TryParse(text, out var hash, out var problem));
        Assert.Null(hash);
        Assert.NotEqual("", problem);
    }
}
