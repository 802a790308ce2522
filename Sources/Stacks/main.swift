import InfraSynth

// `swift package generate-stacks` builds and runs this executable.
stacksApp.main()
