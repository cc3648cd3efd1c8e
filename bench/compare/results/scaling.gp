set terminal pngcairo size 1500,450 font 'sans,10'
set output '/work/main/bench/compare/results/scaling.png'
$s0 << EOD
20 1.444
150 9.147
1000 56.133
EOD
$s1 << EOD
20 0.963
150 5.281
1000 27.603
EOD
$s2 << EOD
20 10.861
EOD
$s3 << EOD
20 8.957
EOD
$s4 << EOD
20 19.656
EOD
$s5 << EOD
20 16.285
EOD
$s6 << EOD
20 1.099
150 6.273
1000 42.293
EOD
$s7 << EOD
20 0.690
150 3.847
1000 22.078
EOD
$s8 << EOD
20 0.610
150 2.170
1000 9.080
EOD
$s9 << EOD
20 0.550
150 1.800
1000 6.660
EOD
$s10 << EOD
20 5.100
EOD
$s11 << EOD
20 3.210
EOD
$s12 << EOD
20 11.990
EOD
$s13 << EOD
20 11.020
EOD
$s14 << EOD
20 0.360
150 1.130
1000 4.330
EOD
$s15 << EOD
20 0.260
150 0.990
1000 3.890
EOD
$s16 << EOD
20 69.988
150 84.098
1000 142.820
EOD
$s17 << EOD
20 68.004
150 82.340
1000 131.539
EOD
$s18 << EOD
20 54.031
EOD
$s19 << EOD
20 54.055
EOD
$s20 << EOD
20 94.352
EOD
$s21 << EOD
20 94.098
EOD
$s22 << EOD
20 60.664
150 70.055
1000 129.176
EOD
$s23 << EOD
20 60.449
150 69.785
1000 121.879
EOD
set multiplot layout 1,3 title 'Growth with the number of hosts (loopback sshd hosts)'
set xlabel 'hosts'
set logscale xy
set grid
set key top left
set xtics (20, 150, 1000)
set ylabel 'wall time (s)'
set title 'Median wall time, set pyinfra'
plot $s0 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s1 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s2 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s3 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s4 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s5 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s6 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s7 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'CPU of the tool (s)'
set title 'CPU of the tool (user + system), set pyinfra'
plot $s8 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s9 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s10 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s11 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s12 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s13 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s14 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s15 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'peak RSS, largest process (MiB)'
set title 'Peak memory, set pyinfra'
plot $s16 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s17 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s18 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s19 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s20 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s21 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s22 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s23 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
unset multiplot
