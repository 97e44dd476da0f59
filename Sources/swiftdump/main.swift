print("swiftdump")
