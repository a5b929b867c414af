// Scaffold: the 200,000 dossiers across 150 agencies of the services benchmark (issue 18).
export {};
