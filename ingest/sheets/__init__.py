"""OAS program summary sheets: segment a sheet into program blocks and extract each program's facts."""
