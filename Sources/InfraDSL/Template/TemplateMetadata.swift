/// The template's `Metadata` section: the console's parameter groups and labels
/// (`AWS::CloudFormation::Interface`), typed, and any other key raw.
///
/// ```swift
/// Stack("network", account: dev) { vpcId; subnets; … }
///     .metadata(TemplateMetadata(interface: .init(
///         groups: [.init("Network", vpcId, subnets)],
///         labels: [.init(vpcId, "Which VPC should the agents run in?")])))
/// ```
///
/// Validation reports, at the `.metadata(…)` line, a group or label naming a parameter the stack
/// does not declare, and a parameter in two groups.
public struct TemplateMetadata: Sendable {
    /// `AWS::CloudFormation::Interface`: how the console orders and labels the parameters.
    public struct Interface: Sendable {
        /// One `ParameterGroups` entry: a heading and the parameters under it, in order.
        public struct Group: Sendable {
            /// The heading (`Label.default`).
            public var label: String
            /// The parameters under it.
            public var parameters: [Parameter]

            /// A group headed `label`.
            public init(_ label: String, _ parameters: Parameter...) {
                self.label = label
                self.parameters = parameters
            }
        }

        /// One `ParameterLabels` entry: the friendly name the console shows for a parameter.
        public struct Label: Sendable {
            /// The parameter.
            public var parameter: Parameter
            /// The text shown (`default`).
            public var text: String

            /// `text` as `parameter`'s label.
            public init(_ parameter: Parameter, _ text: String) {
                self.parameter = parameter
                self.text = text
            }
        }

        /// `ParameterGroups`, in order.
        public var groups: [Group]
        /// `ParameterLabels`, in order.
        public var labels: [Label]

        /// Groups and labels for the console.
        public init(groups: [Group] = [], labels: [Label] = []) {
            self.groups = groups
            self.labels = labels
        }

        var cfValue: CFValue {
            var members: [CFValue.Member] = []
            if !groups.isEmpty {
                members.append(CFValue.Member("ParameterGroups", .list(groups.map { group in
                    .object([CFValue.Member("Label", .object([CFValue.Member("default", .string(group.label))])),
                             CFValue.Member("Parameters", .list(group.parameters.map { .string($0.name) }))])
                })))
            }
            if !labels.isEmpty {
                members.append(CFValue.Member("ParameterLabels", .object(labels.map {
                    CFValue.Member($0.parameter.name, .object([CFValue.Member("default", .string($0.text))]))
                })))
            }
            return .object(members)
        }
    }

    /// `AWS::CloudFormation::Interface`.
    public var interface: Interface?
    /// Other `Metadata` keys, raw, after the interface.
    public var entries: [CFValue.Member]
    /// Where `.metadata(…)` was called.
    public internal(set) var location: SourceLocation?

    /// Metadata with a console interface and other keys.
    public init(interface: Interface? = nil, entries: [CFValue.Member] = []) {
        self.interface = interface
        self.entries = entries
    }

    /// The `Metadata` section.
    var cfValue: CFValue {
        .object((interface.map { [CFValue.Member("AWS::CloudFormation::Interface", $0.cfValue)] } ?? []) + entries)
    }
}

extension Stack {
    /// Sets the template's `Metadata` section.
    public func metadata(_ metadata: TemplateMetadata, file: String = #filePath, line: Int = #line) -> Stack {
        var copy = self
        copy.metadata = metadata
        copy.metadata?.location = SourceLocation(file: file, line: line)
        return copy
    }
}
