import Testing
@testable import PySyntax
