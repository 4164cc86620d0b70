import Foundation

/// Hands the last reference to a large value (a release's surfaces) to another thread, so
/// freeing its hundreds of thousands of symbols stays off the caller's path; a process that
/// exits first simply never frees it.
package func releaseInBackground<Value: Sendable>(_ value: consuming Value) {
  let value = value
  DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
}
