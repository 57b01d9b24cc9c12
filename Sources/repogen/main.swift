print("repogen: under construction")
