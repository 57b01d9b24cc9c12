print("quotemaster: under construction")
