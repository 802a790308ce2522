/// The table printed after generation: one row per stack, then one per StackSet (its administrator account and region).
enum SummaryTable {
    static func render(_ synthesis: Synthesis) -> String {
        let header = ["STACK", "ACCOUNT", "REGION", "RESOURCES", "BYTES"]
        let rows = (synthesis.stacks + synthesis.stackSets).map {
            [$0.stack.name, $0.stack.account, $0.stack.region, String($0.resourceCount), String($0.bytes)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        let numeric: Set<Int> = [3, 4]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces + "\n"
        }
        return ([header] + rows).map(line).joined()
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
