namespace ActorStream.Messages.Wire;

internal static class TypeNames
{
    /// <summary>"Namespace.Type, Assembly": how Akka's HOCON names a type, without version and key noise.</summary>
    public static string AssemblyQualifiedNameShort(this Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
