#include "pdf.h"
void pdf_sec_workloads(tc_pdf *d) { (void)d; }
void pdf_sec_fleet(tc_pdf *d) { (void)d; }
void pdf_sec_tco(tc_pdf *d) { (void)d; }
void pdf_sec_analysis(tc_pdf *d) { (void)d; }
void pdf_sec_scoring(tc_pdf *d) { (void)d; }
void pdf_sec_claims(tc_pdf *d) { (void)d; }
void pdf_sec_assumptions(tc_pdf *d) { (void)d; }
void pdf_sec_method(tc_pdf *d) { (void)d; }
