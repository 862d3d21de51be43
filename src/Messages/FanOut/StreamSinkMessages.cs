using System.Threading.Channels;
using ActorStream.Messages.Metrics;

namespace ActorStream.Messages.FanOut;

/// <summary>
/// To a station's fan-out (/user/stations/NAME/fanout), local only: hand the station's MPEG-TS to
/// <paramref name="Writer"/> (a browser's WebSocket). The fan-out starts a child destination "web-ID" that writes, from
/// the next keyframe on (the latest PAT and PMT first), every chunk and every <see cref="StreamClockReport"/>. It never
/// waits: when the writer is full the chunk is dropped (counted as the destination's drops) and the sink starts again
/// at the next keyframe, so its reader never gets a stream with holes in it. Answered with
/// <see cref="StreamSinkAttached"/>, or <see cref="DestinationRejected"/> (id taken or malformed, station closing).
/// The writer is completed when the sink stops (detached, the station removed).
/// </summary>
/// <param name="Id">1..64 letters, digits, '-' or '_': the child's name is "web-" + Id.</param>
public sealed record AttachStreamSink(string Id, ChannelWriter<StreamSinkItem> Writer);

/// <summary>The sink runs; <paramref name="Name"/> is its actor name (web-ID), as the destination list shows it.</summary>
public sealed record StreamSinkAttached(string Id, string Name);

/// <summary>To the fan-out, local only: stop the sink (its writer is completed). Not answered.</summary>
public sealed record DetachStreamSink(string Id);

/// <summary>What a stream sink hands its reader: a piece of the stream, or the clock mapping of its timestamps.</summary>
/// <param name="Chunk">Whole 188-byte TS packets (empty for a clock item). Shared: never modify.</param>
/// <param name="Clock">A clock report (null for a chunk item).</param>
public sealed record StreamSinkItem(ReadOnlyMemory<byte> Chunk, StreamClockReport? Clock);
