import APIModel
import Testing

@testable import Upstream

struct SurfaceCodecTests {
  @Test func roundTripsEveryField() throws {
    let surfaces = [
      richSurface(),
      ModuleSurface(module: "vllm", file: "vllm/__init__.py", symbols: []),
    ]
    for surface in surfaces {
      var reader = ByteReader(SurfaceCodec.encode(surface))
      #expect(try SurfaceCodec.decode(&reader) == surface)
      #expect(reader.isAtEnd)
    }
  }

  @Test func encodingIsDeterministicAndCompact() throws {
    let a = SurfaceCodec.encode(richSurface())
    #expect(a == SurfaceCodec.encode(richSurface()))
    // Repeated strings (file names, module prefix) are stored once.
    #expect(a.count < 700, "\(a.count) bytes")
  }

  @Test func corruptBytesThrowAndNeverCrash() {
    let bytes = SurfaceCodec.encode(richSurface())
    for length in 0..<bytes.count {
      var reader = ByteReader(Array(bytes.prefix(length)))
      #expect(throws: ByteReader.Failure.self) { try SurfaceCodec.decode(&reader) }
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      var damaged = bytes
      damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      var reader = ByteReader(damaged)
      _ = try? SurfaceCodec.decode(&reader)  // may decode to something else; must not trap
    }
  }
}
