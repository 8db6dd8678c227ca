"""The Reportes screen: PDF reports and exports for analysts."""
