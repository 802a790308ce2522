/// CloudFormation's rules for one parameter declaration and the value a stack gives it.
enum ParameterRules {
    static func check(_ parameter: Parameter, value: String?, stack: String, into diagnostics: inout Diagnostics) {
        let name = "parameter '\(parameter.name)'"
        let location = parameter.location
        if !parameter.type.isKnown {
            diagnostics.error(
                "\(name) has type '\(parameter.type.rawValue)', which CloudFormation does not know; use String, Number, List<Number>, CommaDelimitedList, an AWS-specific type or AWS::SSM::Parameter::Value<…>",
                at: location)
        }
        if (parameter.minLength != nil || parameter.maxLength != nil) && !parameter.type.isString {
            diagnostics.error("\(name): MinLength and MaxLength apply only to String parameters, not \(parameter.type.rawValue)", at: location)
        }
        if (parameter.minValue != nil || parameter.maxValue != nil) && !parameter.type.isNumeric {
            diagnostics.error("\(name): MinValue and MaxValue apply only to Number parameters, not \(parameter.type.rawValue)", at: location)
        }
        if let low = parameter.minLength, let high = parameter.maxLength, low > high {
            diagnostics.error("\(name): MinLength \(low) is greater than MaxLength \(high)", at: location)
        }
        if let low = parameter.minValue, let high = parameter.maxValue, low > high {
            diagnostics.error("\(name): MinValue \(low) is greater than MaxValue \(high)", at: location)
        }
        if let allowed = parameter.allowedValues, allowed.isEmpty {
            diagnostics.error("\(name): AllowedValues is empty, so no value could ever be accepted", at: location)
        }
        if let defaultValue = parameter.defaultValue {
            checkValue(defaultValue, of: parameter, describedAs: "its Default", into: &diagnostics)
        }
        if let value {
            if parameter.noEcho {
                diagnostics.error(
                    "\(name) is NoEcho, so its value is a secret, but stack '\(stack)' sets it in Swift source; resolve it at deploy time instead (an AWS::SSM::Parameter::Value<String> parameter or a '{{resolve:secretsmanager:…}}' dynamic reference)",
                    at: location)
            } else {
                checkValue(value, of: parameter, describedAs: "the value stack '\(stack)' gives it", into: &diagnostics)
            }
        } else if parameter.defaultValue == nil {
            diagnostics.warning(
                "\(name) has no Default and stack '\(stack)' gives it no value; the deployment must supply one",
                at: location)
        }
    }

    /// A value breaking the parameter's own constraints would be rejected by CloudFormation at deploy time.
    private static func checkValue(_ value: String, of parameter: Parameter, describedAs what: String, into diagnostics: inout Diagnostics) {
        let name = "parameter '\(parameter.name)'"
        if let allowed = parameter.allowedValues, !allowed.isEmpty, !allowed.contains(value) {
            diagnostics.error(
                "\(name): \(what), '\(value)', is not one of its AllowedValues (\(allowed.joined(separator: ", ")))",
                at: parameter.location)
        }
        if parameter.type.isNumeric, parameter.type == .number, Double(value) == nil {
            diagnostics.error("\(name): \(what), '\(value)', is not a number", at: parameter.location)
        }
        if let low = parameter.minLength, value.count < low {
            diagnostics.error("\(name): \(what) is \(value.count) characters, shorter than its MinLength \(low)", at: parameter.location)
        }
        if let high = parameter.maxLength, value.count > high {
            diagnostics.error("\(name): \(what) is \(value.count) characters, longer than its MaxLength \(high)", at: parameter.location)
        }
        if let number = Double(value) {
            if let low = parameter.minValue, number < low {
                diagnostics.error("\(name): \(what), \(value), is below its MinValue", at: parameter.location)
            }
            if let high = parameter.maxValue, number > high {
                diagnostics.error("\(name): \(what), \(value), is above its MaxValue", at: parameter.location)
            }
        }
    }
}
