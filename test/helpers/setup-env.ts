// Every test process runs as NODE_ENV=test, against the database made by the global setup.
process.env.NODE_ENV = 'test';
